" Runs inside a headless Vim started with the README's ALE setup and an
" article: lints, asks for a hover, picks a fix and Cite from ALE's numbered
" code action list, searches symbols, and writes what Vim shows as JSON to
" $CLAIMLENS_CHECK_OUT for test/editors/ale.test.ts. Waits are bounded and
" end on events (`:sleep` lets Vim read the server's messages).

let s:out = {'menus': [], 'diagnostics': []}
let s:want = ''

function! s:Wait(what, cond) abort
  let l:tries = 0
  while !eval(a:cond)
    sleep 20m
    let l:tries += 1
    if l:tries > 1500
      throw 'timed out waiting for ' . a:what
    endif
  endwhile
endfunction

" The number a user types in ALE's code action list: the entry starting with s:want.
call ale#util#Mode()
function! ale#util#Input(message, value, ...) abort
  call add(s:out.menus, split(a:message, "\n"))
  for l:line in split(a:message, "\n")
    if l:line =~# '^\d\+) ' . escape(s:want, '\.*[]~')
      return matchstr(l:line, '^\d\+')
    endif
  endfor
  return ''
endfunction

function! s:Preview() abort
  for l:w in range(1, winnr('$'))
    if bufname(winbufnr(l:w)) is# 'ALEPreviewWindow'
      return getbufline(winbufnr(l:w), 1, '$')
    endif
  endfor
  return []
endfunction

function! s:Act(text, want) abort
  call cursor(1, 1)
  if !search(a:text, 'cW')
    throw 'no "' . a:text . '" in the buffer'
  endif
  let s:want = a:want
  let l:tick = b:changedtick
  ALECodeAction
  call s:Wait('the edit of ' . a:want, 'b:changedtick != ' . l:tick)
  return getline('.')
endfunction

try
  let s:out.filetype = &filetype
  ALELint
  call s:Wait('diagnostics', '!empty(getloclist(0))')
  for s:item in getloclist(0)
    call add(s:out.diagnostics, matchstr(s:item.text, '^[a-z-]\+'))
  endfor

  call search('140 people', 'cw')
  ALEHover
  call s:Wait('the hover', '!empty(s:Preview())')
  let s:out.hover = s:Preview()
  pclose

  let s:out.fixed = s:Act('seems productive', 'Use the source''s wording')
  let s:out.cited = s:Act('The Pentagon said on Wednesday', 'Cite "Pentagon briefing on Lebanon"')

  ALESymbolSearch Blinken
  call s:Wait('symbols', 'join(s:Preview()) =~# ''Blinken''')
  let s:out.symbols = s:Preview()
catch
  let s:out.error = v:exception . ' at ' . v:throwpoint
endtry

call writefile([json_encode(s:out)], $CLAIMLENS_CHECK_OUT)
qall!
