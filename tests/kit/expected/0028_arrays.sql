ALTER TABLE "posts" ADD COLUMN "labels" text[];--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "scores" integer[] DEFAULT '{}';