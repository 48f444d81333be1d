-- Get all tenants
SELECT * FROM tenants;

-- Get all contacts for a tenant
SELECT * FROM contacts WHERE tenant_id = 'YOUR_TENANT_UUID';

-- Get all messages for a contact
SELECT * FROM messages 
WHERE contact_id = 'YOUR_CONTACT_UUID' 
ORDER BY created_at DESC;

-- Get conversation history
SELECT * FROM messages 
WHERE conversation_id = 'YOUR_CONVERSATION_UUID' 
ORDER BY created_at ASC;

-- Get message status counts
SELECT status, COUNT(*) as count FROM messages GROUP BY status;

-- Get latest messages per conversation
SELECT DISTINCT ON (conversation_id) *
FROM messages 
ORDER BY conversation_id, created_at DESC;
