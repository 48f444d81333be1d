-- Get active conversations with latest message date
SELECT c.id, c.contact_id, c.status, c.last_message_at,
       cnt.name, cnt.phone
FROM conversations c
JOIN contacts cnt ON c.contact_id = cnt.id
WHERE c.status = 'open'
ORDER BY c.last_message_at DESC;

-- Get message delivery statistics by tenant
SELECT 
  t.name as tenant,
  COUNT(*) as total_messages,
  SUM(CASE WHEN m.status = 'sent' THEN 1 ELSE 0 END) as sent,
  SUM(CASE WHEN m.status = 'delivered' THEN 1 ELSE 0 END) as delivered,
  SUM(CASE WHEN m.status = 'read' THEN 1 ELSE 0 END) as read,
  SUM(CASE WHEN m.status = 'failed' THEN 1 ELSE 0 END) as failed,
  ROUND(100.0 * SUM(CASE WHEN m.status IN ('delivered', 'read') THEN 1 ELSE 0 END) / COUNT(*), 2) as delivery_rate
FROM messages m
JOIN tenants t ON m.tenant_id = t.id
GROUP BY t.id, t.name;

-- Get message volume by date for a tenant
SELECT DATE(created_at) as date, COUNT(*) as message_count
FROM messages
WHERE tenant_id = 'YOUR_TENANT_UUID'
GROUP BY DATE(created_at)
ORDER BY date DESC
LIMIT 30;
