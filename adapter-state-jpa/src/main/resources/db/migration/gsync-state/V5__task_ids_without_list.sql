-- Issue 12: a Google task's id no longer names its task list ('task/<list>/<id>' became 'task/<id>'), so a task moved
-- between lists stays one CRM to-do. Links made before keep working: their Google end is renamed the same way
-- (task ids and URL-encoded list ids hold no '/', so the id is what follows the second '/').
-- One UPDATE whose WHERE no longer matches once it ran: a run stopped half-way and started again does no harm.
UPDATE ${prefix}link
   SET google_id = CONCAT('task/', SUBSTRING(google_id, LOCATE('/', google_id, 6) + 1))
 WHERE google_id LIKE 'task/%/%';
