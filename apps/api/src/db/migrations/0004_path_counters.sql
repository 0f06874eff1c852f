CREATE TABLE "event_routes" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"counted" integer NOT NULL,
	"routed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "path_counters" (
	"store_id" text NOT NULL,
	"workflow_id" uuid NOT NULL,
	"workflow_version_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"node_id" text NOT NULL,
	"status" text NOT NULL,
	"handle" text DEFAULT '' NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "path_counters_workflow_version_id_minute_node_id_status_handle_pk" PRIMARY KEY("workflow_version_id","minute","node_id","status","handle")
);
--> statement-breakpoint
ALTER TABLE "event_routes" ADD CONSTRAINT "event_routes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_counters" ADD CONSTRAINT "path_counters_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_counters" ADD CONSTRAINT "path_counters_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "path_counters_store_workflow_minute_idx" ON "path_counters" USING btree ("store_id","workflow_id","minute");