ALTER TABLE "events" DROP CONSTRAINT "events_level_code_unique";--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_level_code_unique" UNIQUE NULLS NOT DISTINCT("level","code");