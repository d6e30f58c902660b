-- A shared resource's download count is its rows in shared_resource_downloads (one per user, version and day),
-- counted when read. A counter on shared_resources changed the row's version (xmin) on every download, so a
-- download committed during an edit made the edit a 409 (decision 0037).
ALTER TABLE shared_resources DROP COLUMN download_count;
