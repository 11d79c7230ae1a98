-- Runs inside a headless Neovim started with the README's init.lua and an
-- article: does what a user would (waits for diagnostics, presses K, runs a
-- lens, applies Cite, searches the workspace, opens a second file) and
-- records what Neovim shows into the JSON file named by CLAIMLENS_CHECK_OUT,
-- which test/editors/neovim.test.ts checks. Every wait is for an event and
-- bounded; a failure records its message and exits non-zero.

local out = { menus = {}, messages = {}, notifications = {} }
local WAIT_MS = 30000

local function wait(what, cond)
  if not vim.wait(WAIT_MS, cond, 20) then error('timed out waiting for ' .. what, 0) end
end

-- The choice a user makes in a vim.ui.select menu (code actions; lenses sharing a line).
local choose = ''
vim.ui.select = function(items, opts, on_choice)
  local labels = {}
  for i, item in ipairs(items) do labels[i] = opts.format_item and opts.format_item(item) or tostring(item) end
  table.insert(out.menus, labels)
  for i, label in ipairs(labels) do
    if label:find(choose, 1, true) then return on_choice(items[i], i) end
  end
  on_choice(nil, nil)
end

-- What reaches the user as messages: the server's window/showMessage, Neovim's own notices.
local show_message = vim.lsp.handlers['window/showMessage']
vim.lsp.handlers['window/showMessage'] = function(err, result, ctx, config)
  table.insert(out.messages, result.message)
  return show_message(err, result, ctx, config)
end
local notify = vim.notify
vim.notify = function(msg, ...)
  table.insert(out.notifications, msg)
  return notify(msg, ...)
end

local function cursor_to(text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local col = line:find(text, 1, true)
    if col then return vim.api.nvim_win_set_cursor(0, { i, col - 1 }) end
  end
  error('no "' .. text .. '" in the buffer', 0)
end

local function floating_window()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then return w end
  end
end

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo.filetype
  wait('the claimlens client to attach', function() return #vim.lsp.buf_get_clients(buf) > 0 end)
  wait('diagnostics', function() return #vim.diagnostic.get(buf) > 0 end)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    table.insert(out.diagnostics, { code = d.code, severity = d.severity, text = line:sub(d.col + 1, d.end_col), message = d.message })
  end

  -- K, as a user presses it, on the contradicted figure.
  cursor_to('140 people')
  vim.cmd('normal K')
  wait('the hover window', function() return floating_window() ~= nil end)
  local float = floating_window()
  out.hover = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false)
  vim.api.nvim_win_close(float, true)

  -- The lens above the claim the archive folder corroborates, run from its line.
  vim.lsp.codelens.refresh()
  wait('code lenses', function() return #vim.lsp.codelens.get(buf) > 0 end)
  out.lenses = {}
  for _, l in ipairs(vim.lsp.codelens.get(buf)) do
    table.insert(out.lenses, { line = l.range.start.line, title = l.command and l.command.title, command = l.command and l.command.command })
  end
  cursor_to('The Pentagon said on Wednesday')
  choose = '✓'
  vim.lsp.codelens.run()
  wait('the passages the lens shows', function() return #out.messages > 0 or #out.notifications > 0 end)

  -- Cite, chosen from the code action menu, edits the buffer.
  cursor_to('The Pentagon said on Wednesday')
  local tick = vim.b.changedtick
  choose = 'Cite "Pentagon briefing on Lebanon"'
  vim.lsp.buf.code_action()
  wait('the Cite edit', function() return vim.b.changedtick ~= tick end)
  out.cited = vim.api.nvim_get_current_line()
  vim.cmd('silent write')

  -- Claim search over the project: the file that names Blinken is not open.
  vim.lsp.buf.workspace_symbol('Blinken')
  wait('workspace symbols', function() return #vim.fn.getqflist() > 0 end)
  out.symbols = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    table.insert(out.symbols, { file = vim.api.nvim_buf_get_name(item.bufnr), lnum = item.lnum, text = item.text })
  end
  vim.cmd('cclose')

  -- A second file of the same project joins the same client.
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('CLAIMLENS_CHECK_OTHER')))
  local other = vim.api.nvim_get_current_buf()
  wait('the client to attach to the second file', function() return #vim.lsp.buf_get_clients(other) > 0 end)
  out.clients = {}
  for _, c in pairs(vim.lsp.get_active_clients()) do table.insert(out.clients, { name = c.name, root = c.config.root_dir }) end
end)

out.error = not ok and tostring(err) or nil
local file = assert(io.open(os.getenv('CLAIMLENS_CHECK_OUT'), 'w'))
file:write(vim.fn.json_encode(out))
file:close()
vim.cmd(ok and 'qall!' or 'cquit 1')
