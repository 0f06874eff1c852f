ALTER TABLE "event_routes" ADD COLUMN "customer_id" bigint;--> statement-breakpoint
ALTER TABLE "event_routes" ADD COLUMN "run_versions" uuid[];--> statement-breakpoint
ALTER TABLE "event_routes" ADD COLUMN "run_paths" smallint[];--> statement-breakpoint
ALTER TABLE "event_routes" ADD COLUMN "paths" jsonb;--> statement-breakpoint
CREATE INDEX "event_routes_store_routed_idx" ON "event_routes" USING btree ("store_id","routed_at") WHERE "event_routes"."run_versions" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "event_routes_store_customer_routed_idx" ON "event_routes" USING btree ("store_id","customer_id","routed_at") WHERE "event_routes"."run_versions" IS NOT NULL;