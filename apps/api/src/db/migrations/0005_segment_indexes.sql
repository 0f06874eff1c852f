-- Segment preview indexes, chosen by measurement (apps/api/docs/segments.md).
-- The sample page (newest customers first, the default sort) walks this index and stops after 50 matches.
CREATE INDEX IF NOT EXISTS "customers_store_created_idx" ON "customers" USING btree ("store_id", "created_at" DESC, "id" DESC);--> statement-breakpoint
-- "Has purchased category / brand" become index-only semi-joins instead of scans of every order line.
CREATE INDEX IF NOT EXISTS "order_items_store_category_customer_idx" ON "order_items" USING btree ("store_id", "category", "customer_id") INCLUDE ("ordered_at", "quantity");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "order_items_store_brand_customer_idx" ON "order_items" USING btree ("store_id", "brand", "customer_id") INCLUDE ("ordered_at", "quantity");
