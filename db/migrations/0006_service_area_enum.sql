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
