package io.switchboard.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.channel.whatsapp.CloudApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Meta's template analytics: GET {base}/{waba_id}/template_analytics?start=S&end=E&granularity=DAILY
 * &metric_types=["SENT","DELIVERED","READ"]&template_ids=[…] — per template and UTC day, sent, delivered and read. Meta takes
 * at most 10 template ids per request and pages its data points ({@code paging.cursors.after} while {@code paging.next}
 * is there), so one answer may be several calls; each is bounded by the client's timeouts. Trouble is an answer, not
 * an exception.
 */
public final class MetaTemplateAnalytics {
    /** Meta's limit of template ids per request. */
    public static final int IDS_PER_REQUEST = 10;
    private static final int MAX_PAGES = 200;

    private final CloudApiClient client;

    public MetaTemplateAnalytics(CloudApiClient client) {
        this.client = client;
    }

    /** One data point as Meta reports it. */
    public record DataPoint(String templateId, Instant start, Instant end, long sent, long delivered, long read) {
    }

    /** Meta's data points, or {@code problem} (one sentence) when it did not give them all. */
    public record Answer(List<DataPoint> points, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public Answer daily(String apiBaseUrl, String wabaId, String accessToken, List<String> templateIds, Instant start, Instant end) {
        List<DataPoint> out = new ArrayList<>();
        for (int from = 0; from < templateIds.size(); from += IDS_PER_REQUEST) {
            List<String> batch = templateIds.subList(from, Math.min(templateIds.size(), from + IDS_PER_REQUEST));
            String query = URLEncoder.encode(wabaId, StandardCharsets.UTF_8) + "/template_analytics?start=" + start.getEpochSecond() + "&end="
                    + end.getEpochSecond() + "&granularity=DAILY&metric_types=" + encode("[\"SENT\",\"DELIVERED\",\"READ\"]") + "&template_ids="
                    + encode(batch.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]")));
            String after = null;
            for (int page = 0; ; page++) {
                if (page == MAX_PAGES) {
                    return new Answer(List.of(), "Meta's template analytics did not end after " + MAX_PAGES + " pages");
                }
                CloudApiClient.GraphReply reply = client.call("GET", apiBaseUrl, after == null ? query : query + "&after=" + encode(after), accessToken, null);
                if (!reply.ok()) {
                    return new Answer(List.of(), reply.problem());
                }
                String problem = read(reply.body(), out);
                if (problem != null) {
                    return new Answer(List.of(), problem);
                }
                JsonNode paging = reply.body().path("paging");
                String cursor = paging.path("cursors").path("after").asText("");
                if (paging.path("next").isMissingNode() || cursor.isEmpty() || cursor.equals(after)) {
                    break;
                }
                after = cursor;
            }
        }
        return new Answer(out, null);
    }

    /** Adds the page's data points; a sentence when the page is not what Meta documents. */
    private static String read(JsonNode body, List<DataPoint> out) {
        JsonNode data = body.path("data");
        if (data.isMissingNode()) {
            return null; // nothing at all for these templates
        }
        if (!data.isArray()) {
            return "Meta's template_analytics.data is not a list";
        }
        for (JsonNode series : data) {
            for (JsonNode p : series.path("data_points")) {
                if (!p.path("start").canConvertToLong() || !p.path("end").canConvertToLong() || p.path("template_id").asText("").isEmpty()) {
                    return "a data point of Meta's template analytics has no template_id, start or end: " + p;
                }
                out.add(new DataPoint(p.get("template_id").asText(), Instant.ofEpochSecond(p.get("start").asLong()),
                        Instant.ofEpochSecond(p.get("end").asLong()), p.path("sent").asLong(0), p.path("delivered").asLong(0), p.path("read").asLong(0)));
            }
        }
        return null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
