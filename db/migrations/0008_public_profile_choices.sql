ALTER TABLE "users" ADD COLUMN "profile_bio" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "profile_shows_sessions" boolean DEFAULT false NOT NULL;