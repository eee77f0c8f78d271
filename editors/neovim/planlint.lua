-- planlint in Neovim (>= 0.9.5) with nvim-lint: lints the buffer as you
-- type, through stdin, under the buffer's file name.
vim.filetype.add({ extension = { plan = "plan" } })

local severities = {
  error = vim.diagnostic.severity.ERROR,
  warning = vim.diagnostic.severity.WARN,
  info = vim.diagnostic.severity.INFO,
}

-- planlint counts columns in characters; Neovim wants byte offsets.
local function byte_col(bufnr, line, column)
  local text = vim.api.nvim_buf_get_lines(bufnr, line - 1, line, false)[1] or ""
  local ok, col = pcall(vim.str_byteindex, text, column - 1)
  return ok and col or #text
end

require("lint").linters.planlint = {
  cmd = "planlint",
  stdin = true,
  args = {
    "check", "--format", "json",
    "--stdin-filename", function() return vim.api.nvim_buf_get_name(0) end,
    "-",
  },
  stream = "stdout",
  ignore_exitcode = true, -- 1 means "found errors"
  parser = function(output, bufnr)
    local ok, findings = pcall(vim.json.decode, output)
    if not ok or type(findings) ~= "table" then
      return {}
    end
    local diagnostics = {}
    for _, finding in ipairs(findings) do
      local message = finding.message
      if type(finding.help) == "string" then
        message = message .. "\n" .. finding.help
      end
      table.insert(diagnostics, {
        lnum = finding.line - 1,
        col = byte_col(bufnr, finding.line, finding.column),
        end_lnum = finding.end_line - 1,
        end_col = byte_col(bufnr, finding.end_line, finding.end_column),
        severity = severities[finding.severity],
        message = message,
        source = "planlint",
        code = finding.rule,
      })
    end
    return diagnostics
  end,
}
require("lint").linters_by_ft.plan = { "planlint" }

vim.api.nvim_create_autocmd({ "BufReadPost", "BufWritePost", "InsertLeave", "TextChanged" }, {
  pattern = "*.plan",
  callback = function() require("lint").try_lint() end,
})
