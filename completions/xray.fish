# fish completion for xray, generated from its command model (src/test/java/xray/cli/Docs.java).
complete -c xray -f
complete -c xray -n __fish_use_subcommand -a mem -d 'The host\'s memory and its cgroups: charged, real cost, cache and pressure.'
complete -c xray -n __fish_use_subcommand -s h -l help -d 'Show this help message and exit.'
complete -c xray -n __fish_use_subcommand -s V -l version -d 'Print version information and exit.'
complete -c xray -n '__fish_seen_subcommand_from mem' -l json -d 'Print one JSON document instead of tables.'
complete -c xray -n '__fish_seen_subcommand_from mem' -l root -x -a '(__fish_complete_directories)' -d 'Read /proc and /sys under DIR as if DIR were / (a snapshot of another host).'
complete -c xray -n '__fish_seen_subcommand_from mem' -l color -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto; NO_COLOR turns it off).'
complete -c xray -n '__fish_seen_subcommand_from mem' -s v -l verbose -d 'Show stack traces of internal errors.'
complete -c xray -n '__fish_seen_subcommand_from mem' -l depth -r -d 'Levels of the tree to show (default: 3).'
complete -c xray -n '__fish_seen_subcommand_from mem' -l all -d 'Show every cgroup (default: those under 1% of the top are folded into one line).'
complete -c xray -n '__fish_seen_subcommand_from mem' -s h -l help -d 'Show this help message and exit.'
complete -c xray -n '__fish_seen_subcommand_from mem' -s V -l version -d 'Print version information and exit.'
complete -c xray -n '__fish_seen_subcommand_from mem' -a '(xray complete cgroups 2>/dev/null)'
