ALTER TABLE "kpi_measurements" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "kpis" ADD COLUMN "min_value" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "kpis" ADD COLUMN "max_value" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_withdrawn_reason" CHECK ("kpi_measurements"."withdrawn_at" is null or "kpi_measurements"."withdrawn_reason" is not null);--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_range" CHECK ("kpis"."min_value" is null or "kpis"."max_value" is null or "kpis"."min_value" <= "kpis"."max_value");--> statement-breakpoint
-- Hand-written: existing indicators get the range their figures already keep — a minimum of 0 when
-- nothing is negative, a maximum of 100 for a percentage when nothing is above it.
UPDATE "kpis" SET "min_value" = 0 WHERE "baseline" >= 0 AND "target" >= 0 AND NOT EXISTS (SELECT 1 FROM "kpi_measurements" m WHERE m."kpi_id" = "kpis"."id" AND m."value" < 0);--> statement-breakpoint
UPDATE "kpis" SET "max_value" = 100 WHERE btrim("unit") = '%' AND "baseline" <= 100 AND "target" <= 100 AND NOT EXISTS (SELECT 1 FROM "kpi_measurements" m WHERE m."kpi_id" = "kpis"."id" AND m."value" > 100);
