-- wrk script for bench/inbound-wrk.sh: POSTs pre-built signed status webhooks to the receiver.
-- Script arguments: the request file, the number of wrk threads and, optionally, a path prefix: a
-- thread that has every answer in creates the file <prefix><thread id>, so the benchmark learns that
-- all webhooks were answered (a 200 is sent only once its row is committed) without querying the
-- database. The file holds one request a line: "<X-Hub-Signature-256> TAB <json body>".
-- It is cut into one contiguous slice per wrk thread; each thread sends its slice exactly once, then
-- its connections go quiet (delay) and the thread stops when every answer is in.

local counter = 0
function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
end

function init(args)
   local all = {}
   for line in io.lines(args[1]) do
      all[#all + 1] = line
   end
   -- setup() gave this thread its id (0, 1, ...); the thread count is the second script argument.
   local total = tonumber(args[2]) or 1
   done_prefix = args[3]
   local from = math.floor(#all * id / total) + 1
   local to = math.floor(#all * (id + 1) / total)
   requests = {}
   for i = from, to do
      local line = all[i]
      local tab = line:find("\t", 1, true)
      local headers = {["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = line:sub(1, tab - 1)}
      requests[#requests + 1] = wrk.format("POST", "/webhook", headers, line:sub(tab + 1))
   end
   next_index = 1
   -- wrk calls request() once on thread 0 before the run, only to check it (pipelining); that
   -- call must not use up a request.
   checked = id ~= 0
   answered = 0
   refused = 0
end

function delay()
   -- Nothing left to send: park the connection until the thread stops.
   if next_index > #requests then
      return 600000
   end
   return 0
end

function request()
   if not checked then
      checked = true
      return requests[1]
   end
   local r = requests[next_index]
   next_index = next_index + 1
   return r
end

function response(status, headers, body)
   answered = answered + 1
   if status ~= 200 then
      refused = refused + 1
   end
   if answered >= #requests then
      if done_prefix and not marked then
         marked = true
         local f = io.open(done_prefix .. id, "w")
         f:write(answered, " answered, ", refused, " refused\n")
         f:close()
      end
      wrk.thread:stop()
   end
end
