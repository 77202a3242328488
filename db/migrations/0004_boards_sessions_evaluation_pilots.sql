CREATE TYPE "public"."board_template" AS ENUM('blank', 'hmw', 'empathy', 'problemTree', 'impactEffort', 'journey');--> statement-breakpoint
CREATE TYPE "public"."pilot_status" AS ENUM('planned', 'active', 'paused', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."session_phase" AS ENUM('silent', 'clustering', 'voting', 'reveal');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('scheduled', 'live', 'ended');--> statement-breakpoint
CREATE TABLE "board_snapshots" (
	"board_id" uuid PRIMARY KEY NOT NULL,
	"state" "bytea" NOT NULL,
	"through_update_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"board_id" uuid NOT NULL,
	"update" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "boards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"title" text NOT NULL,
	"template" "board_template" DEFAULT 'blank' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cocreation_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"title" text NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "session_status" DEFAULT 'scheduled' NOT NULL,
	"code" text NOT NULL,
	"phase" "session_phase",
	"dot_budget" integer DEFAULT 3 NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"timer_ends_at" timestamp with time zone,
	"timer_remaining_ms" integer,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cocreation_sessions_dates" CHECK ("cocreation_sessions"."ends_at" > "cocreation_sessions"."starts_at"),
	CONSTRAINT "cocreation_sessions_budget" CHECK ("cocreation_sessions"."dot_budget" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "evaluation_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_criteria_weight" CHECK ("evaluation_criteria"."weight" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"challenge_id" uuid PRIMARY KEY NOT NULL,
	"vote_share" integer DEFAULT 20 NOT NULL,
	"published_at" timestamp with time zone,
	"selected_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_vote_share" CHECK ("evaluations"."vote_share" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "jury_members" (
	"challenge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jury_members_challenge_id_user_id_pk" PRIMARY KEY("challenge_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "jury_scores" (
	"challenge_id" uuid NOT NULL,
	"idea_id" uuid NOT NULL,
	"juror_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"rationale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jury_scores_idea_id_juror_id_criterion_id_pk" PRIMARY KEY("idea_id","juror_id","criterion_id"),
	CONSTRAINT "jury_scores_range" CHECK ("jury_scores"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "kpi_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kpi_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"value" numeric(14, 2) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"baseline" numeric(14, 2) NOT NULL,
	"target" numeric(14, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" integer NOT NULL,
	"due_date" date NOT NULL,
	"completed_at" timestamp with time zone,
	"missed_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_weight" CHECK ("milestones"."weight" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "pilot_ideas" (
	"pilot_id" uuid NOT NULL,
	"idea_id" uuid NOT NULL,
	CONSTRAINT "pilot_ideas_pilot_id_idea_id_pk" PRIMARY KEY("pilot_id","idea_id")
);
--> statement-breakpoint
CREATE TABLE "pilot_team" (
	"pilot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilot_team_pilot_id_user_id_pk" PRIMARY KEY("pilot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "pilot_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"progress" integer,
	"attachment" text,
	"attachment_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilot_updates_progress" CHECK ("pilot_updates"."progress" is null or "pilot_updates"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "pilots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"challenge_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"institution_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"department" text,
	"municipality" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"budget_gtq" numeric(14, 2) DEFAULT '0' NOT NULL,
	"status" "pilot_status" DEFAULT 'planned' NOT NULL,
	"status_reason" text,
	"last_update_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilots_slug_unique" UNIQUE("slug"),
	CONSTRAINT "pilots_dates" CHECK ("pilots"."end_date" >= "pilots"."start_date"),
	CONSTRAINT "pilots_budget" CHECK ("pilots"."budget_gtq" >= 0)
);
--> statement-breakpoint
CREATE TABLE "selection_decisions" (
	"idea_id" uuid PRIMARY KEY NOT NULL,
	"challenge_id" uuid NOT NULL,
	"selected" boolean NOT NULL,
	"rationale" text NOT NULL,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_dot_votes" (
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"note_id" text NOT NULL,
	"count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_dot_votes_session_id_participant_id_note_id_pk" PRIMARY KEY("session_id","participant_id","note_id"),
	CONSTRAINT "session_dot_votes_positive" CHECK ("session_dot_votes"."count" >= 1)
);
--> statement-breakpoint
CREATE TABLE "session_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid,
	"guest_name" text,
	"guest_token_hash" text,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_participants_who" CHECK (("session_participants"."user_id" is null) <> ("session_participants"."guest_name" is null))
);
--> statement-breakpoint
CREATE TABLE "session_promotions" (
	"session_id" uuid NOT NULL,
	"element_id" text NOT NULL,
	"idea_id" uuid NOT NULL,
	"guest_credits" text[] DEFAULT '{}'::text[] NOT NULL,
	"promoted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_promotions_session_id_element_id_pk" PRIMARY KEY("session_id","element_id")
);
--> statement-breakpoint
ALTER TABLE "board_snapshots" ADD CONSTRAINT "board_snapshots_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_updates" ADD CONSTRAINT "board_updates_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cocreation_sessions" ADD CONSTRAINT "cocreation_sessions_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cocreation_sessions" ADD CONSTRAINT "cocreation_sessions_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cocreation_sessions" ADD CONSTRAINT "cocreation_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_criteria" ADD CONSTRAINT "evaluation_criteria_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_members" ADD CONSTRAINT "jury_members_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_members" ADD CONSTRAINT "jury_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_members" ADD CONSTRAINT "jury_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scores" ADD CONSTRAINT "jury_scores_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scores" ADD CONSTRAINT "jury_scores_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scores" ADD CONSTRAINT "jury_scores_juror_id_users_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scores" ADD CONSTRAINT "jury_scores_criterion_id_evaluation_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."evaluation_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_ideas" ADD CONSTRAINT "pilot_ideas_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_ideas" ADD CONSTRAINT "pilot_ideas_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_team" ADD CONSTRAINT "pilot_team_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_team" ADD CONSTRAINT "pilot_team_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_updates" ADD CONSTRAINT "pilot_updates_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_updates" ADD CONSTRAINT "pilot_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_lead_id_users_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_decisions" ADD CONSTRAINT "selection_decisions_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_decisions" ADD CONSTRAINT "selection_decisions_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_decisions" ADD CONSTRAINT "selection_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_dot_votes" ADD CONSTRAINT "session_dot_votes_session_id_cocreation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."cocreation_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_dot_votes" ADD CONSTRAINT "session_dot_votes_participant_id_session_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."session_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_session_id_cocreation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."cocreation_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_promotions" ADD CONSTRAINT "session_promotions_session_id_cocreation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."cocreation_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_promotions" ADD CONSTRAINT "session_promotions_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_promotions" ADD CONSTRAINT "session_promotions_promoted_by_users_id_fk" FOREIGN KEY ("promoted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_updates_board_idx" ON "board_updates" USING btree ("board_id","id");--> statement-breakpoint
CREATE INDEX "boards_challenge_idx" ON "boards" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "cocreation_sessions_challenge_idx" ON "cocreation_sessions" USING btree ("challenge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cocreation_sessions_board_unique" ON "cocreation_sessions" USING btree ("board_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cocreation_sessions_live_code_unique" ON "cocreation_sessions" USING btree ("code") WHERE "cocreation_sessions"."status" <> 'ended';--> statement-breakpoint
CREATE INDEX "evaluation_criteria_challenge_idx" ON "evaluation_criteria" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "jury_scores_challenge_idx" ON "jury_scores" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "kpi_measurements_kpi_idx" ON "kpi_measurements" USING btree ("kpi_id","measured_on");--> statement-breakpoint
CREATE INDEX "kpis_pilot_idx" ON "kpis" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "milestones_pilot_idx" ON "milestones" USING btree ("pilot_id","due_date");--> statement-breakpoint
CREATE INDEX "pilot_updates_pilot_idx" ON "pilot_updates" USING btree ("pilot_id","created_at");--> statement-breakpoint
CREATE INDEX "pilots_status_idx" ON "pilots" USING btree ("status");--> statement-breakpoint
CREATE INDEX "pilots_institution_idx" ON "pilots" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "selection_decisions_challenge_idx" ON "selection_decisions" USING btree ("challenge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_participants_user_unique" ON "session_participants" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_participants_guest_token_unique" ON "session_participants" USING btree ("guest_token_hash");