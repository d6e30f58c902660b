-- Where each member has read a room up to (issue 11): unread counts and read receipts.
ALTER TABLE chat_members ADD COLUMN last_read_message_id uuid NULL;
