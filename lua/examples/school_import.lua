-- school_import.lua: an importer for one school's own item format.
--
--   tiku run lua/examples/school_import.lua FILE [PREFIX]
--
-- The school keeps its items in a plain file, one block per item:
--
--   [单选][初级][1.1.2][难度2] 坐席接听来电时，首先应当（　）。
--   - 报工号并问候 *
--   - 询问客户姓名
--   解析：规范的开头语……
--
-- The tags give type, level, requirement code and (optionally) difficulty;
-- "- " lines are options, "*" marks the correct ones; 判断 items take
-- 答案：对/错.  Every item is saved as a draft through the command layer,
-- all in one batch: one line in `tiku log`, one `tiku undo`.  A bad item
-- stops the import and nothing is kept.
local path, prefix = arg[1], arg[2] or "school"
assert(path, "usage: tiku run school_import.lua FILE [PREFIX]")

local types = { ["单选"] = "single", ["多选"] = "multiple", ["判断"] = "truefalse" }

-- "名称：值" (full-width or ASCII colon) -> value, else nil.  Lua
-- patterns work on bytes, so "：" cannot go in a character class.
local function field(line, name)
  return line:match("^" .. name .. "：%s*(.*)$") or line:match("^" .. name .. ":%s*(.*)$")
end

local function parse(file)
  local items, cur, n = {}, nil, 0
  local lineno = 0
  for line in io.lines(file) do
    lineno = lineno + 1
    line = line:gsub("%s+$", "")
    local t, rest = {}, line
    while rest:sub(1, 1) == "[" do
      local tag, after = rest:match("^%[(.-)%](.*)$")
      if not tag then break end
      t[#t + 1], rest = tag, after
    end
    local stem = rest:gsub("^%s+", "")
    if #t > 0 then
      n = n + 1
      cur = {
        id = string.format("%s-%03d", prefix, n),
        type = types[t[1]] or error(file .. ":" .. lineno .. ": unknown type " .. tostring(t[1])),
        level = t[2], codes = { t[3] }, stem = stem, status = "draft",
        difficulty = tonumber((t[4] or ""):match("(%d)")) or 3,
        options = {}, line = lineno,
      }
      items[#items + 1] = cur
    elseif cur and line:match("^%- ") then
      local text, mark = line:match("^%- (.-)%s*(%*?)$")
      cur.options[#cur.options + 1] = text
      if mark == "*" then cur.answer = (cur.answer or "") .. string.char(64 + #cur.options) end
    elseif cur and field(line, "答案") then
      cur.answer = field(line, "答案")
    elseif cur and field(line, "解析") then
      cur.explanation = field(line, "解析")
    elseif line ~= "" then
      error(file .. ":" .. lineno .. ": cannot read: " .. line)
    end
  end
  return items
end

local bank = assert(tiku.open())
local items = parse(path)
bank:batch("school import " .. path, function()
  for _, item in ipairs(items) do
    if item.type == "truefalse" then item.options = nil end
    local ok, msg = bank:save(item)
    if not ok then error(path .. ":" .. item.line .. ": " .. msg, 0) end
  end
end)
print(string.format("imported %d items from %s", #items, path))
