-- Neovim as a real client of `claimlint lsp` (run by Scripts/nvim-lsp-check.sh, headless).
-- Written for Neovim 0.7 (Debian bookworm): vim.lsp.start_client + vim.lsp.buf_attach_client,
-- no vim.lsp.start, no position-encoding negotiation (UTF-16), no pull diagnostics.
-- Prints one JSON object per line on standard output: the diagnostics Neovim holds for the page,
-- a hover, the code actions, the diagnostics after an edit, and the server's exit status.
local binary = os.getenv("CLAIMLINT_BIN")
local page = os.getenv("CLAIMLINT_PAGE")

local function emit(kind, value)
  io.stdout:write(vim.fn.json_encode({ kind = kind, value = value }) .. "\n")
end

local function fail(message)
  emit("failure", message)
  vim.cmd("qall!")
end

vim.cmd("edit " .. vim.fn.fnameescape(page))
local buffer = vim.api.nvim_get_current_buf()
local exit_status = nil
local client_id = vim.lsp.start_client({
  name = "claimlint",
  cmd = { binary, "lsp" },
  root_dir = vim.fn.fnamemodify(page, ":h"),
  init_options = { debounceMs = 0 },
  on_exit = function(code, _) exit_status = code end,
})
if not client_id then fail("vim.lsp.start_client failed") return end
vim.lsp.buf_attach_client(buffer, client_id)

local function diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message })
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return a.code < b.code
  end)
  return list
end

if not vim.wait(60000, function() return #vim.diagnostic.get(buffer) > 0 end, 20) then
  fail("no diagnostics within 60 s") return
end
local opened = diagnostics()
emit("diagnostics", opened)

-- Hover and code actions on the guarantee after the emoji (line 45 of the sample).
local guarantee = nil
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  if d.code == "guarantee" then guarantee = d end
end
if not guarantee then fail("no guarantee diagnostic") return end
local client = vim.lsp.get_client_by_id(client_id)
local line = vim.api.nvim_buf_get_lines(buffer, guarantee.lnum, guarantee.lnum + 1, false)[1]
-- Neovim holds byte columns; the protocol wants UTF-16 (str_utfindex returns UTF-32, then UTF-16).
local _, character = vim.str_utfindex(line, guarantee.col)
local position = { line = guarantee.lnum, character = character }
local document = { uri = vim.uri_from_bufnr(buffer) }
local hover = client.request_sync("textDocument/hover", { textDocument = document, position = position }, 10000, buffer)
emit("hover", hover and hover.result or vim.NIL)
local actions = client.request_sync("textDocument/codeAction", {
  textDocument = document, range = { start = position, ["end"] = position },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buffer, guarantee.lnum) },
}, 10000, buffer)
emit("codeActions", actions and actions.result or vim.NIL)

-- Edit the buffer as a user would: Neovim sends an incremental didChange in UTF-16.
vim.api.nvim_buf_set_text(buffer, guarantee.lnum, guarantee.col, guarantee.end_lnum, guarantee.end_col, { "Friendly" })
local gone = vim.wait(60000, function()
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    if d.code == "guarantee" then return false end
  end
  return #vim.diagnostic.get(buffer) > 0
end, 20)
if not gone then fail("the guarantee diagnostic did not go after the edit") return end
emit("afterEdit", diagnostics())

-- Stopping the client sends shutdown and exit.
vim.lsp.stop_client(client_id)
if not vim.wait(10000, function() return exit_status ~= nil end, 20) then
  fail("the server did not exit") return
end
emit("exit", exit_status)
vim.cmd("qall!")
