ALTER TABLE "users" ADD COLUMN "born" date;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "wake_at" time;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "grace" interval;