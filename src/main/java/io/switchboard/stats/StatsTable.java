package io.switchboard.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure set as a plain table: what the {@code stats} command prints and what the Stats view
 * exports, built from the same {@link StatsReport} by {@link StatsTables}, so both always agree.
 */
public record StatsTable(String title, List<String> columns, List<List<String>> rows) {
    /** RFC 4180 CSV with a header line; cells with commas, quotes or line breaks are quoted. */
    public String csv() {
        StringBuilder out = new StringBuilder();
        line(out, columns);
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            // A leading =, +, - or @ would run as a formula in a spreadsheet; a quote mark keeps it text.
            if (!c.isEmpty() && "=+@".indexOf(c.charAt(0)) >= 0) {
                c = "'" + c;
            }
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                c = "\"" + c.replace("\"", "\"\"") + "\"";
            }
            out.append(c);
        }
        out.append("\r\n");
    }

    /** Columns padded to their widest cell; numbers right-aligned. */
    public String text() {
        int[] width = new int[columns.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(columns);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i) == null ? 0 : r.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(title).append('\n');
        for (List<String> r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String c = r.get(i) == null ? "" : r.get(i);
                String padding = " ".repeat(width[i] - c.length());
                line.append(i == 0 ? "" : "  ").append(numeric(c) ? padding + c : c + padding);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** {"title": …, "rows": [{column: value, …}]}; whole numbers stay numbers. */
    public ObjectNode json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("title", title);
        ArrayNode list = root.putArray("rows");
        for (List<String> r : rows) {
            ObjectNode o = list.addObject();
            for (int i = 0; i < columns.size(); i++) {
                String c = r.get(i);
                if (c != null && c.matches("-?[0-9]{1,18}")) {
                    o.put(columns.get(i), Long.parseLong(c));
                } else {
                    o.put(columns.get(i), c);
                }
            }
        }
        return root;
    }

    private static boolean numeric(String c) {
        return c.matches("-?[0-9][0-9.,]*( %)?");
    }
}
