-- report.lua: items per requirement code per status, as CSV.
--
--   tiku run lua/examples/report.lua [LEVEL] [KIND] > report.csv
--
-- One row per code of the standard at that level and paper kind (default
-- every level, theory and skill), with the count of items in each status.
-- Codes without items show zeros: the gaps an author fills next.
local bank = assert(tiku.open())
local std = bank:standard()
local want_level, want_kind = arg[1], arg[2]
local statuses = { "draft", "review", "approved", "retired" }

print("level,kind,code,requirement," .. table.concat(statuses, ",") .. ",total")
for _, level in ipairs(std.levels) do
  if not want_level or want_level == level.id or want_level == level.name then
    for _, kind in ipairs { "theory", "skill" } do
      if not want_kind or want_kind == kind then
        local c = bank:coverage { level = level.id, kind = kind, status = "approved" }
        for _, code in ipairs(c.codes) do
          local row = { level.name, kind, code.code, tiku.csv_field(code.text) }
          for _, s in ipairs(statuses) do
            local n = 0
            for item in bank:items { level = level.id, kind = kind, code = code.code,
                                     status = s } do
              n = n + 1
            end
            row[#row + 1] = n
          end
          row[#row + 1] = code.items
          print(table.concat(row, ","))
        end
      end
    end
  end
end
