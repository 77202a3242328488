-- Spanish full-text search that ignores accents and case, and trigram similarity, on PGlite and PostgreSQL alike.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.es_unaccent (COPY = pg_catalog.spanish);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.es_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.spanish_stem;
--> statement-breakpoint
-- unaccent() is only STABLE; this wrapper with a fixed dictionary may be used in indexes.
CREATE FUNCTION public.f_unaccent(text) RETURNS text AS $$
  SELECT public.unaccent('public.unaccent'::regdictionary, $1)
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT;
--> statement-breakpoint
CREATE FUNCTION challenges_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search := setweight(to_tsvector('public.es_unaccent', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('public.es_unaccent', coalesce(NEW.problem, '')), 'B');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER challenges_search BEFORE INSERT OR UPDATE OF title, problem ON challenges
  FOR EACH ROW EXECUTE FUNCTION challenges_search_update();
--> statement-breakpoint
CREATE FUNCTION ideas_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search := setweight(to_tsvector('public.es_unaccent', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('public.es_unaccent', coalesce(NEW.description, '')), 'B')
    || setweight(to_tsvector('public.es_unaccent', coalesce(NEW.expected_benefit, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ideas_search BEFORE INSERT OR UPDATE OF title, description, expected_benefit ON ideas
  FOR EACH ROW EXECUTE FUNCTION ideas_search_update();
--> statement-breakpoint
CREATE INDEX ideas_title_trgm_idx ON ideas USING gin (public.f_unaccent(lower(title)) gin_trgm_ops);
