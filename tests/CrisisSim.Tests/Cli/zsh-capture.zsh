#!/usr/bin/env zsh
# Prints the matches zsh's completion system offers for a command line, one per line, as a user pressing TAB would get
# them: an interactive zsh in a pseudo-terminal (zsh/zpty) loads compinit and SCRIPT, compadd is wrapped to print what
# is added, and the line is typed with a TAB at its end. CompletionTests runs it on `crisissim completion zsh`.
# The markers are written split ('<h''it>') so that the terminal's echo of the commands never contains them.
# usage: zsh -f zsh-capture.zsh SCRIPT "command line to complete"
zmodload zsh/zpty || exit 2
zpty z zsh -f -i
zpty -w z "PROMPT=''; RPROMPT=''; unsetopt zle_bracketed_paste 2>/dev/null"
zpty -w z "autoload -U compinit; compinit -u -D"
zpty -w z "source ${(q)1}"
zpty -w z "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false; zstyle ':completion:*' list-separator ''"
zpty -w z 'compadd () { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi; typeset -a __hits; builtin compadd -A __hits "$@"; local r=$?; (( $#__hits )) && print -rl -- "<h""it>"${^__hits}; return $r }'
zpty -w z "comppostfuncs=(_capture_done); _capture_done() { print -r -- '<do''ne>'; exit }"
zpty -w z "bindkey '^I' complete-word"
zpty -w z "print -r -- '<rea''dy>'"
while zpty -r z line; do [[ $line == *'<ready>'* ]] && break; done
zpty -n -w z "$2"$'\t'
integer n=0
while zpty -r z line; do
  [[ $line == *'<done>'* ]] && break
  [[ $line == *'<hit>'* ]] && print -r -- ${${line##*<hit>}%$'\r'}
  (( ++n > 5000 )) && break
done
zpty -d z
