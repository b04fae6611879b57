-- house_lint.lua: a house lint rule, to travel inside a bank.
--
--   tiku script add house-style lua/examples/house_lint.lua --lint
--   tiku lint
--
-- Stems of choice and true/false items end with a question mark or a
-- blank to fill, "（　）"; options never say "以上都对" and the like,
-- which reward guessing.  Runs sandboxed: only string, table, math and
-- utf8 are at hand.
local lazy = { "以上都对", "以上都不对", "以上均正确", "以上均不正确", "以上皆是" }

return function(item)
  local problems = {}
  local stem = (item.stem or ""):gsub("%s+$", "")
  if item.type == "single" or item.type == "multiple" or item.type == "truefalse" then
    local ends_ok = stem:find("？$") or stem:find("%?$") or stem:find("（%s*）。?$")
                    or stem:find("（　）。?$") or stem:find("%(%s*%)。?$")
    if item.type ~= "truefalse" and not ends_ok then
      problems[#problems + 1] = "a choice stem should end with a question mark or （　）"
    end
  end
  for _, o in ipairs(item.options or {}) do
    for _, w in ipairs(lazy) do
      if o.text and o.text:find(w, 1, true) then
        problems[#problems + 1] = { severity = "error",
          message = "option " .. o.key .. " says '" .. w .. "'" }
      end
    end
  end
  return problems
end
