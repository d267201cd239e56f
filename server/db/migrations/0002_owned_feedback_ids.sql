DROP INDEX "records_owned_id_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "records_owned_id_uq" ON "records" USING btree ("entity","id") WHERE entity in ('note', 'template', 'feedback');