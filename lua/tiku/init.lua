-- tiku: the Lua library of the tiku question-bank tool.
--
-- The C core (tiku.core) gives banks, items, standards, lint, import and
-- export, the command layer with undo, hooks and coverage; this file adds
-- what is easier said in Lua: printing values readably, and small helpers
-- scripts use often.  It is compiled into the tiku binary.

local core = require "tiku.core"
local tiku = {}
for k, v in pairs(core) do tiku[k] = v end

local function is_identifier(s)
  return type(s) == "string" and s:match("^[%a_][%w_]*$") ~= nil
end

-- tiku.inspect(v [, {depth = 3}]) -> a readable, stable rendering of v
-- (tables sorted by key, cycles marked), as the shell prints results.
function tiku.inspect(v, opts)
  local depth = opts and opts.depth or 4
  local seen, out = {}, {}
  local function emit(s) out[#out + 1] = s end
  local function key_order(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end
  local function walk(x, level, indent)
    local t = type(x)
    if t == "string" then
      emit(string.format("%q", x))
    elseif t ~= "table" then
      emit(tostring(x))
    elseif seen[x] then
      emit("<cycle>")
    elseif level >= depth then
      emit("{...}")
    else
      seen[x] = true
      local n, keys = #x, {}
      for k in pairs(x) do
        if not (math.type(k) == "integer" and k >= 1 and k <= n) then
          keys[#keys + 1] = k
        end
      end
      table.sort(keys, key_order)
      if n == 0 and #keys == 0 then
        emit("{}")
      else
        local pad = indent .. "  "
        emit("{\n")
        for i = 1, n do
          emit(pad); walk(x[i], level + 1, pad); emit(",\n")
        end
        for _, k in ipairs(keys) do
          emit(pad)
          if is_identifier(k) then emit(k) else emit("["); walk(k, level + 1, pad); emit("]") end
          emit(" = "); walk(x[k], level + 1, pad); emit(",\n")
        end
        emit(indent .. "}")
      end
      seen[x] = nil
    end
  end
  walk(v, 0, "")
  return table.concat(out)
end

-- tiku.collect(iterator) -> list: gather what an iterator yields.
function tiku.collect(iter)
  local list = {}
  for x in iter do list[#list + 1] = x end
  return list
end

-- tiku.csv_field(s) -> s quoted for a CSV file when it needs to be.
function tiku.csv_field(s)
  s = tostring(s == nil and "" or s)
  if s:find('[",\r\n]') then
    return '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

-- tiku.problems(list) -> text: lint problems as "file:line: severity: msg"
function tiku.problems(list)
  local lines = {}
  for _, p in ipairs(list or {}) do
    local where = p.file and (p.line and (p.file .. ":" .. p.line) or p.file)
    lines[#lines + 1] = (where and (where .. ": ") or "") .. p.severity .. ": " .. p.message
  end
  return table.concat(lines, "\n")
end

return tiku
