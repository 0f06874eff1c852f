-- Path counters written as one delta row per batch and store, folded into path_counters by the
-- workers (src/worker/path-counter-fold.ts); the path_counts view reads both.
CREATE TABLE "path_counter_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "path_counter_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"store_id" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"counters" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "path_counter_deltas" ADD CONSTRAINT "path_counter_deltas_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "path_counter_deltas_store_idx" ON "path_counter_deltas" USING btree ("store_id","id");--> statement-breakpoint
CREATE VIEW "path_counts" AS
  SELECT store_id, workflow_id, workflow_version_id, minute, node_id, status, handle, n FROM path_counters
  UNION ALL
  SELECT d.store_id, (c->>1)::uuid, (c->>0)::uuid, d.minute, c->>2, c->>3, c->>4, (c->>5)::bigint
  FROM path_counter_deltas d CROSS JOIN LATERAL jsonb_array_elements(d.counters) AS c;
