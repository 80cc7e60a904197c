ALTER TABLE "posts" ADD COLUMN "raw" json;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "ratio" double precision;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "weight" real;