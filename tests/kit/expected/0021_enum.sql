CREATE TYPE "public"."mood" AS ENUM('sad', 'ok');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mood" "mood";