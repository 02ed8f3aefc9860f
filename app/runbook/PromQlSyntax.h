#pragma once

#include <QString>

#include <optional>

namespace lockstep {

// A syntax check of a PromQL gate expression at lint time, so a typo fails `lockstep-cli lint` and
// the plan rather than every measurement of a running gate. Not a PromQL parser: it checks what
// breaks most expressions, in one pass over the text:
//   - brackets, braces and parentheses balanced and properly nested; nothing after the last one closes;
//   - string literals ("…", '…' with backslash escapes, `…` raw) terminated;
//   - a name directly followed by '(' is a PromQL function, an aggregation or a grouping keyword
//     (by, without, on, ignoring, group_left, group_right);
//   - a range or subquery `[…]` holds a duration (`5m`, `1h30m`, `250ms`), or two for a subquery
//     (`[30m:1m]`, `[30m:]`), and so does `offset`;
//   - no character PromQL does not use (`;`, `$`, `?`, a backslash outside strings ...), and the
//     expression does not end in a binary operator;
//   - the placeholders Lockstep substitutes ({{selector}}, {{window}}, {{quantile}}) stand where their
//     values would; any other {{…}} is refused.
// Returns what is wrong and where ("character 17: …"), or nothing when the expression passes.
class PromQlSyntax
{
public:
    static std::optional<QString> problem(const QString &expression);
};

} // namespace lockstep
