-- bench/suggest.lua -- how often tiku suggest ranks an item's own code
-- first and among the three it shows, on a bank whose items are tagged
-- (the shipped sample bank): each item's codes are taken out of it
-- before it is ranked, so that only its text, level and kind count --
-- what an untagged paste has.  A suggestion is right when it is any of
-- the item's codes.
--
--   tiku run bench/suggest.lua [STEP]   every STEP-th item (default 1)
local step = tonumber(arg and arg[1] or "1") or 1
local bank = tiku.open()
local ids = {}
for item in bank:items() do
  ids[#ids + 1] = item.id
end
local n, first, top3, skill, skill3 = 0, 0, 0, 0, 0
local t0 = os.clock()
for i = 1, #ids, step do
  local item = bank:get(ids[i])
  local own = {}
  for _, c in ipairs(item.codes) do own[c] = true end
  item.codes = {}
  local s = assert(bank:suggest(item, 3))
  local at
  for k = 1, #s do
    if own[s[k].code] then at = k break end
  end
  n = n + 1
  if at == 1 then first = first + 1 end
  if at then top3 = top3 + 1 end
  if item.kind == "skill" then
    skill = skill + 1
    if at then skill3 = skill3 + 1 end
  end
end
local t = os.clock() - t0
print(string.format("%d %d %d %d %d %.3f", n, first, top3, skill, skill3, t))
