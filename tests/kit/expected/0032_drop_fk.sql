ALTER TABLE "events" DROP CONSTRAINT "events_user_id_users_id_fk";
