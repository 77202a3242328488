CREATE TYPE "public"."service_area" AS ENUM('health', 'education', 'identity', 'water', 'transport', 'security', 'justice', 'social', 'environment', 'economy', 'digital', 'municipal', 'other');--> statement-breakpoint
ALTER TABLE "challenges" ALTER COLUMN "service_area" DROP DEFAULT;--> statement-breakpoint
-- Hand-written: free text from before the enum becomes a key of the list where it can (the
-- demo's old texts and the Spanish and English labels), anything else 'other'.
UPDATE "challenges" SET "service_area" = CASE
  WHEN "service_area" IN ('health', 'education', 'identity', 'water', 'transport', 'security', 'justice', 'social', 'environment', 'economy', 'digital', 'municipal', 'other') THEN "service_area"
  WHEN lower(btrim("service_area")) IN ('salud') THEN 'health'
  WHEN lower(btrim("service_area")) IN ('educación', 'educacion') THEN 'education'
  WHEN lower(btrim("service_area")) IN ('identidad y registro civil', 'identificación y registro civil', 'identificacion y registro civil', 'identity and civil registry') THEN 'identity'
  WHEN lower(btrim("service_area")) IN ('agua y saneamiento', 'water and sanitation') THEN 'water'
  WHEN lower(btrim("service_area")) IN ('movilidad y transporte', 'mobility and transport') THEN 'transport'
  WHEN lower(btrim("service_area")) IN ('seguridad ciudadana', 'public safety') THEN 'security'
  WHEN lower(btrim("service_area")) IN ('justicia') THEN 'justice'
  WHEN lower(btrim("service_area")) IN ('desarrollo social', 'social development') THEN 'social'
  WHEN lower(btrim("service_area")) IN ('ambiente', 'environment') THEN 'environment'
  WHEN lower(btrim("service_area")) IN ('economía y empleo', 'economia y empleo', 'economy and jobs', 'compras y contrataciones públicas', 'empleo público') THEN 'economy'
  WHEN lower(btrim("service_area")) IN ('gobierno digital', 'digital government', 'gestión documental y acceso a la información') THEN 'digital'
  WHEN lower(btrim("service_area")) IN ('servicios municipales', 'municipal services') THEN 'municipal'
  ELSE 'other'
END;--> statement-breakpoint
ALTER TABLE "challenges" ALTER COLUMN "service_area" SET DATA TYPE "public"."service_area" USING "service_area"::"public"."service_area";--> statement-breakpoint
ALTER TABLE "challenges" ALTER COLUMN "service_area" SET DEFAULT 'other'::"public"."service_area";
--> statement-breakpoint
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
