-- planlint's language server in Neovim (>= 0.10): diagnostics as you type,
-- quick fixes, hover, go to definition, completion, formatting.
vim.filetype.add({ extension = { plan = "plan" } })
vim.api.nvim_create_autocmd("FileType", {
  pattern = "plan",
  callback = function(args)
    vim.lsp.start({
      name = "planlint",
      cmd = { "planlint", "lsp" },
      root_dir = vim.fs.root(args.buf, { ".planlint.yaml", ".git" }) or vim.fs.dirname(args.file),
    })
  end,
})
