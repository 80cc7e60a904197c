// 'drizzle-orm/neon' for the golden metadata: edgepg's neon entry.
export * from 'edgepg/neon';
