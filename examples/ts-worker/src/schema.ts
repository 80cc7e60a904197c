// The tables, declared exactly as with drizzle-orm/pg-core (only the import line differs).
// The SQL that creates them is in README.md: the Worker never runs DDL.
import { relations } from 'edgepg';
import { integer, pgTable, serial, text, timestamp } from 'edgepg/pg-core';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** drizzle's relations: a user's posts, a post's author (for `db.query`). */
export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
export const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.userId], references: [users.id] }) }));

export type UserRow = typeof users.$inferSelect;
export type PostRow = typeof posts.$inferSelect;

/** The JSON shapes of the API (`createdAt` as an ISO-8601 string). */
export interface User {
  id: number;
  name: string;
  email: string;
  createdAt: string;
}
export interface Post {
  id: number;
  userId: number;
  title: string;
  body: string;
  createdAt: string;
}

export const toUser = (u: UserRow): User => ({ id: u.id, name: u.name, email: u.email, createdAt: u.createdAt.toISOString() });
export const toPost = (p: PostRow): Post => ({
  id: p.id,
  userId: p.userId,
  title: p.title,
  body: p.body,
  createdAt: p.createdAt.toISOString(),
});
