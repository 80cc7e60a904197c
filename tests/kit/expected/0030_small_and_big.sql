CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"code" char(10)
);
