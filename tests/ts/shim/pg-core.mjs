// 'drizzle-orm/pg-core' for the golden cases: edgepg's pg-core entry.
export * from 'edgepg/pg-core';
