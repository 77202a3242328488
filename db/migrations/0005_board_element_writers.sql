CREATE TABLE "board_element_writers" (
	"board_id" uuid NOT NULL,
	"element_id" text NOT NULL,
	"user_id" uuid,
	"participant_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_element_writers_who" CHECK (("board_element_writers"."user_id" is null) <> ("board_element_writers"."participant_id" is null))
);
--> statement-breakpoint
ALTER TABLE "board_element_writers" ADD CONSTRAINT "board_element_writers_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_element_writers" ADD CONSTRAINT "board_element_writers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_element_writers" ADD CONSTRAINT "board_element_writers_participant_id_session_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."session_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "board_element_writers_user_unique" ON "board_element_writers" USING btree ("board_id","element_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "board_element_writers_guest_unique" ON "board_element_writers" USING btree ("board_id","element_id","participant_id");