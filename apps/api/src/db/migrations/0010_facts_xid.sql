-- Which transaction last wrote a customer's facts (the customer row, or its stats and with them its
-- order lines: lines are only ever inserted by the statements that upsert the same customer's stats).
-- The in-memory segment index (src/segments/facts-index) re-reads, before each preview, the rows
-- written by transactions its last snapshot did not see: `facts_xid >= <xmax> OR facts_xid = ANY(<xip>)`.
-- A trigger stamps every write, so no writer can forget. Rows older than this migration keep
-- NULL (a full load reads them); the column has no default for them, so adding it rewrites nothing.
ALTER TABLE "customers" ADD COLUMN "facts_xid" xid8;
--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "facts_xid" SET DEFAULT pg_current_xact_id();
--> statement-breakpoint
ALTER TABLE "customer_stats" ADD COLUMN "facts_xid" xid8;
--> statement-breakpoint
ALTER TABLE "customer_stats" ALTER COLUMN "facts_xid" SET DEFAULT pg_current_xact_id();
--> statement-breakpoint
CREATE FUNCTION "stamp_facts_xid"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.facts_xid := pg_current_xact_id();
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Most updates of a customer (every order event upserts its customer) change no column a condition
-- reads, only updated_at / source_updated_at. Those keep their stamp: no indexed column changes, so
-- Postgres may still update the row in place (HOT) instead of adding an entry to each of its indexes.
CREATE FUNCTION "stamp_customer_facts_xid"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.email, NEW.first_name, NEW.last_name, NEW.company, NEW.gender, NEW.birth_date, NEW.country,
      NEW.state, NEW.city, NEW.zip, NEW.accepts_marketing, NEW.group_name, NEW.tags, NEW.attributes,
      NEW.created_at, NEW.store_id)
     IS DISTINCT FROM
     (OLD.email, OLD.first_name, OLD.last_name, OLD.company, OLD.gender, OLD.birth_date, OLD.country,
      OLD.state, OLD.city, OLD.zip, OLD.accepts_marketing, OLD.group_name, OLD.tags, OLD.attributes,
      OLD.created_at, OLD.store_id) THEN
    NEW.facts_xid := pg_current_xact_id();
  ELSE
    NEW.facts_xid := OLD.facts_xid;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "customers_stamp_facts_xid" BEFORE UPDATE ON "customers"
  FOR EACH ROW EXECUTE FUNCTION "stamp_customer_facts_xid"();
--> statement-breakpoint
CREATE TRIGGER "customer_stats_stamp_facts_xid" BEFORE UPDATE ON "customer_stats"
  FOR EACH ROW EXECUTE FUNCTION "stamp_facts_xid"();
--> statement-breakpoint
CREATE INDEX "customers_store_facts_xid_idx" ON "customers" ("store_id", "facts_xid");
--> statement-breakpoint
CREATE INDEX "customer_stats_store_facts_xid_idx" ON "customer_stats" ("store_id", "facts_xid");
