// edgepg/cache/core: drizzle-orm/cache/core's query cache interface.
export type CacheConfig = { ex?: number; px?: number; exat?: number; pxat?: number; keepTtl?: boolean; hexOptions?: 'NX' | 'nx' | 'XX' | 'xx' | 'GT' | 'gt' | 'LT' | 'lt' };
export type WithCacheConfig = { enable: boolean; config?: CacheConfig; tag?: string; autoInvalidate?: boolean };
export type MutationOption = { tags?: string | string[]; tables?: unknown | unknown[] | string | string[] };
/** The base class of caches: what `drizzle({ cache })` calls. */
export declare abstract class Cache {
  abstract strategy(): 'explicit' | 'all';
  /** A cached response, or `undefined`. */
  abstract get(key: string, tables: string[], isTag: boolean, isAutoInvalidate?: boolean): Promise<any | undefined>;
  /** Stores a response (`tables`: those whose writes invalidate it, when auto-invalidated). */
  abstract put(hashedQuery: string, response: any, tables: string[], isTag: boolean, config?: CacheConfig): Promise<void>;
  /** Writes happened to these tables (or tags). */
  abstract onMutate(params: MutationOption): Promise<void>;
}
export declare class NoopCache extends Cache {
  strategy(): 'all';
  get(key: string): Promise<undefined>;
  put(hashedQuery: string, response: any, tables: string[], config?: any): Promise<void>;
  onMutate(params: MutationOption): Promise<void>;
}
export declare function hashQuery(sql: string, params?: unknown[]): Promise<string>;
