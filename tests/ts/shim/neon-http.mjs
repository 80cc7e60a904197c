export * from 'edgepg/neon-http';
