-- Rows that belong to a parent row cascading from the store (order items, runs, steps, ledger,
-- counters, stats) drop their own FK to stores: every insert's check locked the store's single row
-- (FOR KEY SHARE), shared by all writers of the store. See childStoreIdColumn in schema/stores.ts.
ALTER TABLE "customer_stats" DROP CONSTRAINT "customer_stats_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "order_items" DROP CONSTRAINT "order_items_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "action_executions" DROP CONSTRAINT "action_executions_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "run_steps" DROP CONSTRAINT "run_steps_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "runs" DROP CONSTRAINT "runs_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "path_counters" DROP CONSTRAINT "path_counters_store_id_stores_id_fk";
