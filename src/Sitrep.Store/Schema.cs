namespace Sitrep.Store;

/// <summary>
/// The store schema as numbered migrations. The DDL uses only types both SQLite and PostgreSQL
/// accept (TEXT, INTEGER, BIGINT, DOUBLE PRECISION, BOOLEAN), so one script serves both.
/// Dates are ISO-8601 text ("2025-03-14"; timestamps "2025-03-14T20:30:26+00:00"), which sorts
/// and compares correctly in both and round-trips exactly.
/// </summary>
public static class Schema
{
    /// <summary>The newest version this build knows; a database above it is refused.</summary>
    public static int Current => Migrations.Count;

    /// <summary>Migration N (1-based) brings the schema from version N-1 to N.</summary>
    public static IReadOnlyList<string[]> Migrations { get; } =
    [
        [
            """
            CREATE TABLE articles (
              id TEXT PRIMARY KEY,
              title TEXT, url TEXT, outlet TEXT,
              published TEXT,
              language TEXT NOT NULL, origin TEXT,
              content_hash TEXT NOT NULL,
              text TEXT NOT NULL,
              body_start INTEGER NOT NULL,
              sentences INTEGER NOT NULL,
              tokens INTEGER NOT NULL)
            """,
            """
            CREATE TABLE events (
              article_id TEXT NOT NULL,
              id TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              sentence INTEGER NOT NULL,
              sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
              sentence_text TEXT NOT NULL,
              trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
              cameo_code TEXT NOT NULL, cameo_label TEXT NOT NULL,
              quad_class INTEGER NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
              plover_type TEXT NOT NULL, plover_mode TEXT,
              negated BOOLEAN NOT NULL, modality TEXT,
              why TEXT NOT NULL,
              event_date TEXT,
              date_span_start INTEGER, date_span_end INTEGER, date_text TEXT,
              date_start TEXT, date_end TEXT, date_granularity TEXT, date_kind TEXT,
              date_attached_by TEXT, date_reason TEXT,
              place_span_start INTEGER, place_span_end INTEGER, place_name TEXT,
              place_country TEXT, place_admin1 TEXT, place_kind TEXT,
              place_lat DOUBLE PRECISION, place_lon DOUBLE PRECISION, place_geonames_id BIGINT,
              place_attached_by TEXT,
              certainty TEXT NOT NULL, certainty_reason TEXT NOT NULL,
              PRIMARY KEY (article_id, id))
            """,
            "CREATE INDEX events_id ON events (id)",
            "CREATE INDEX events_date ON events (event_date)",
            "CREATE INDEX events_plover ON events (plover_type)",
            "CREATE INDEX events_cameo ON events (cameo_code)",
            // Actors of events (source, target, reported_by) and figures (victims).
            """
            CREATE TABLE actors (
              article_id TEXT NOT NULL,
              owner_id TEXT NOT NULL,
              role TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
              text TEXT NOT NULL,
              code TEXT, country TEXT, sectors TEXT NOT NULL,
              kind TEXT NOT NULL, entry TEXT,
              PRIMARY KEY (article_id, owner_id, role, ordinal))
            """,
            "CREATE INDEX actors_code ON actors (code)",
            "CREATE INDEX actors_country ON actors (country)",
            // One row per link of an attribution chain: depth 0 is the attribution itself,
            // depth 1 the report it is quoted in (Attribution.Within), and so on.
            """
            CREATE TABLE attributions (
              article_id TEXT NOT NULL,
              owner_id TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              depth INTEGER NOT NULL,
              cue TEXT NOT NULL, cue_start INTEGER NOT NULL, cue_end INTEGER NOT NULL,
              source_start INTEGER NOT NULL, source_end INTEGER NOT NULL, source_text TEXT NOT NULL,
              source_code TEXT, source_country TEXT, source_sectors TEXT NOT NULL,
              source_kind TEXT NOT NULL, source_entry TEXT,
              PRIMARY KEY (article_id, owner_id, ordinal, depth))
            """,
            """
            CREATE TABLE quantities (
              article_id TEXT NOT NULL,
              owner_id TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
              low BIGINT, high BIGINT,
              precision TEXT NOT NULL, category TEXT NOT NULL, counted TEXT,
              PRIMARY KEY (article_id, owner_id, ordinal))
            """,
            """
            CREATE TABLE figures (
              article_id TEXT NOT NULL,
              id TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              sentence INTEGER NOT NULL,
              span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
              low BIGINT, high BIGINT,
              precision TEXT NOT NULL, category TEXT NOT NULL, counted TEXT,
              cumulative BOOLEAN NOT NULL,
              asof_span_start INTEGER, asof_span_end INTEGER, asof_text TEXT,
              asof_start TEXT, asof_end TEXT, asof_granularity TEXT, asof_kind TEXT,
              asof_attached_by TEXT, asof_reason TEXT,
              certainty TEXT NOT NULL,
              PRIMARY KEY (article_id, id))
            """,
            """
            CREATE TABLE flags (
              article_id TEXT NOT NULL,
              id TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              kind TEXT NOT NULL,
              first_start INTEGER NOT NULL, first_end INTEGER NOT NULL, first_text TEXT NOT NULL,
              other_article_id TEXT,
              second_start INTEGER NOT NULL, second_end INTEGER NOT NULL, second_text TEXT NOT NULL,
              reason TEXT NOT NULL,
              PRIMARY KEY (article_id, id))
            """,
        ],
    ];

    /// <summary>Child tables, each keyed by article_id: what replacing an article deletes.</summary>
    internal static readonly string[] ChildTables = ["events", "actors", "attributions", "quantities", "figures", "flags"];
}
