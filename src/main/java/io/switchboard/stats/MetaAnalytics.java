package io.switchboard.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.channel.whatsapp.CloudApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta's messaging analytics for one number: GET {base}/{waba_id}?fields=analytics.start(S).end(E).granularity(DAY)
 * .phone_numbers(["digits"]) — sent and delivered per data point, each with its own [start, end). One number per call, so
 * the answer needs no per-number dimension. The client's timeouts bound the call; trouble is an answer, not an exception.
 */
public final class MetaAnalytics {
    private final CloudApiClient client;

    public MetaAnalytics(CloudApiClient client) {
        this.client = client;
    }

    /** One data point as Meta reports it. */
    public record DataPoint(Instant start, Instant end, long sent, long delivered) {
    }

    /** Meta's data points, or {@code problem} (one sentence) when it did not give them. */
    public record Answer(List<DataPoint> points, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** The field expression of the request (also what the sandbox parses). */
    static String fields(Instant start, Instant end, String displayDigits) {
        return "analytics.start(" + start.getEpochSecond() + ").end(" + end.getEpochSecond() + ").granularity(DAY).phone_numbers([\""
                + displayDigits + "\"])";
    }

    public Answer daily(String apiBaseUrl, String wabaId, String accessToken, String displayPhone, Instant start, Instant end) {
        String digits = displayPhone.replaceAll("[^0-9]", "");
        String path = URLEncoder.encode(wabaId, StandardCharsets.UTF_8) + "?fields=" + URLEncoder.encode(fields(start, end, digits), StandardCharsets.UTF_8);
        CloudApiClient.GraphReply reply = client.call("GET", apiBaseUrl, path, accessToken, null);
        if (!reply.ok()) {
            return new Answer(List.of(), reply.problem());
        }
        JsonNode points = reply.body().path("analytics").path("data_points");
        List<DataPoint> out = new ArrayList<>();
        if (points.isMissingNode()) {
            return new Answer(out, null); // no traffic at all: Meta leaves data_points out
        }
        if (!points.isArray()) {
            return new Answer(List.of(), "Meta's analytics.data_points is not a list");
        }
        for (JsonNode p : points) {
            if (!p.path("start").canConvertToLong() || !p.path("end").canConvertToLong()) {
                return new Answer(List.of(), "a data point of Meta's analytics has no start or end: " + p);
            }
            out.add(new DataPoint(Instant.ofEpochSecond(p.get("start").asLong()), Instant.ofEpochSecond(p.get("end").asLong()),
                    p.path("sent").asLong(0), p.path("delivered").asLong(0)));
        }
        return new Answer(out, null);
    }
}
