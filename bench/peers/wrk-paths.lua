-- wrk script for bench/peer-compare.sh: GET every path listed in the file named by $WRK_PATHS (one URL path per
-- line), round robin; each wrk thread starts at a different offset so threads do not ask for the same page together.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
if #paths == 0 then error("no paths in " .. tostring(os.getenv("WRK_PATHS"))) end

local thread_no = 0
function setup(thread)
  thread:set("offset", thread_no * 7919)
  thread_no = thread_no + 1
end

local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[((i + (offset or 0)) % #paths) + 1])
end
