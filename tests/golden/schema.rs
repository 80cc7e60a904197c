//! The Rust mirror of `schema.mjs`, built with the runtime schema API. Keep them identical.

use edgepg::pg::*;
use edgepg::Value;

/// Every table and enum the golden cases use, plus the shared helpers.
pub struct S {
    pub mood: PgEnum,
    pub smood: PgEnum,
    /// `pgSchema('my_schema')`
    pub my_schema: PgSchema,
    pub cities: Table,
    pub users: Table,
    pub posts: Table,
    pub comments: Table,
    pub my_schema_users: Table,
    pub everything: Table,
    pub prefixed: Table,
    pub weird: Table,
    /// `alias(users, 'parent')`
    pub parent: Table,
    /// `alias(mySchemaUsers, 'msu')`
    pub msu: Table,
}

pub const D1: &str = "2024-01-02T03:04:05.678Z";
pub const D2: &str = "2024-12-31T23:59:59.999Z";

#[allow(clippy::new_without_default)]
impl S {
    pub fn new() -> S {
        let mood = pg_enum("mood", ["sad", "ok", "happy"]);
        let my_schema = pg_schema("my_schema");
        let smood = my_schema.enum_("smood", ["a", "b"]);
        let cities =
            table("cities").column("id", serial("id").primary_key()).column("name", text("name").not_null()).build();
        let users = table("users")
            .column("id", serial("id").primary_key())
            .column("name", text("name").not_null())
            .column("email", varchar("email").length(256).unique())
            .column("verified", boolean("verified").not_null().default(false))
            .column("meta", jsonb("meta"))
            .column("tags", text("tags").array())
            .column("mood", mood.column("mood"))
            .column("cityId", integer("city_id").references("cities", "id").on_delete(FkAction::Cascade))
            .column("createdAt", timestamp("created_at").not_null().default_now())
            .column(
                "updatedAt",
                timestamp("updated_at").precision(3).with_timezone().mode_string().on_update(|| raw("now()")),
            )
            .column("token", text("token").default_fn(|| "tok-generated"))
            .build();
        let posts = table("posts")
            .column("id", serial("id").primary_key())
            .column("authorId", integer("author_id").not_null().references("users", "id"))
            .column("title", text("title").not_null())
            .column("content", text("content"))
            .build();
        let comments = table("comments")
            .column("id", serial("id").primary_key())
            .column("postId", integer("post_id").not_null())
            .column("text", text("text").not_null())
            .build();
        let my_schema_users =
            my_schema.table("users").column("id", serial("id").primary_key()).column("name", text("name")).build();
        let users_id = users.col("id").unwrap();
        let everything = table("everything")
            .column("i", integer("i"))
            .column("si", smallint("si"))
            .column("bn", bigint("bn").mode_number())
            .column("bb", bigint("bb").mode_bigint())
            .column("ser", serial("ser"))
            .column("sser", smallserial("sser"))
            .column("bser", bigserial("bser").mode_number())
            .column("bserBig", bigserial("bser_big").mode_bigint())
            .column("num", numeric("num"))
            .column("numP", numeric("num_p").precision(10))
            .column("numPs", numeric("num_ps").precision(10).scale(2))
            .column("numN", numeric("num_n").mode_number())
            .column("numB", numeric("num_b").mode_bigint())
            .column("dec", decimal("dec").precision(7).scale(3))
            .column("r", real("r"))
            .column("dp", double_precision("dp"))
            .column("b", boolean("b"))
            .column("t", text("t"))
            .column("te", text("te").enum_values(["x", "y"]))
            .column("vc", varchar("vc"))
            .column("vcl", varchar("vcl").length(20))
            .column("ch", char("ch"))
            .column("chl", char("chl").length(2))
            .column("u", uuid("u").default_random())
            .column("j", json("j"))
            .column("jb", jsonb("jb"))
            .column("ts", timestamp("ts"))
            .column("tsp", timestamp("tsp").precision(6).with_timezone())
            .column("tss", timestamp("tss").mode_string())
            .column("tssp", timestamp("tssp").mode_string().precision(3).with_timezone())
            .column("d", date("d"))
            .column("dd", date("dd").mode_date())
            .column("tm", time("tm"))
            .column("tmp", time("tmp").precision(3).with_timezone())
            .column("iv", interval("iv"))
            .column("ivf", interval("ivf").fields("day to second").precision(2))
            .column("inet", inet("inet"))
            .column("cidr", cidr("cidr"))
            .column("mac", macaddr("mac"))
            .column("mac8", macaddr8("mac8"))
            .column("pt", point("pt"))
            .column("ptxy", point("ptxy").mode_xy())
            .column("ln", line("ln"))
            .column("lnabc", line("lnabc").mode_abc())
            .column("vec", vector("vec", 3))
            .column("hv", halfvec("hv", 3))
            .column("sv", sparsevec("sv", 5))
            .column("bits", bit("bits", 8))
            .column("ia", integer("ia").array())
            .column("ia3", integer("ia3").array_sized(3))
            .column("ia2", integer("ia2").array().array())
            .column("ta", text("ta").array())
            .column("mood", mood.column("mood"))
            .column("smood", smood.column("smood"))
            .column("moods", mood.column("moods").array())
            .column(
                "idAlways",
                integer("id_always").generated_always_as_identity(IdentityOptions::default().start_with(10)),
            )
            .column("idDefault", integer("id_default").generated_by_default_as_identity(IdentityOptions::default()))
            .column("gen", text("gen").generated_always_as(raw("'x'")))
            .column(
                "cust",
                custom("cust", "citext").to_driver(|v| match v {
                    Value::Text(s) => Ok(Value::Text(s.to_lowercase())),
                    other => Err(format!("citext expects text, got {other:?}")),
                }),
            )
            .column("withDef", integer("with_def").default(7))
            .column("uq", text("uq").unique_with(Some("custom_uq"), true))
            .column(
                "ref",
                integer("ref")
                    .references("cities", "id")
                    .on_delete(FkAction::SetNull)
                    .on_update_action(FkAction::Cascade),
            )
            .column("nn", text("nn").not_null())
            .build_with(|t| {
                Ok(vec![
                    index("ev_i_idx").on([t.col("i")?]).into(),
                    unique_index("ev_t_uidx")
                        .using(
                            "btree",
                            [
                                IndexColumn::from(t.col("t")?).asc().nulls_first(),
                                IndexColumn::from(t.col("si")?).desc(),
                            ],
                        )
                        .where_(edgepg::sql!("{} > 0", t.col("i")?))
                        .into(),
                    primary_key([t.col("i")?, t.col("si")?]).into(),
                    foreign_key([t.col("bn")?], [users_id.clone()])
                        .named("ev_bn_fk")
                        .on_delete(FkAction::Cascade)
                        .into(),
                    check("ev_i_check", edgepg::sql!("{} > 0", t.col("i")?)).into(),
                    unique(Some("ev_t_si_unique")).on([t.col("t")?, t.col("si")?]).nulls_not_distinct().into(),
                ])
            })
            .unwrap();
        let prefixed = table_creator(|n| format!("app_{n}"))("things").column("id", serial("id").primary_key()).build();
        let weird = table("we\"ird").column("id", integer("i\"d")).build();
        let parent = users.alias("parent");
        let msu = my_schema_users.alias("msu");
        S {
            mood,
            smood,
            my_schema,
            cities,
            users,
            posts,
            comments,
            my_schema_users,
            everything,
            prefixed,
            weird,
            parent,
            msu,
        }
    }

    /// `uw(cond)` = `db.select({id: users.id}).from(users).where(cond)`
    pub fn uw(&self, cond: impl Into<Option<Sql>>) -> Select {
        select_fields(fields![id: self.u("id")]).from(&self.users).filter(cond)
    }
    /// `ew(cond)` = `db.select({i: everything.i}).from(everything).where(cond)`
    pub fn ew(&self, cond: impl Into<Option<Sql>>) -> Select {
        select_fields(fields![i: self.e("i")]).from(&self.everything).filter(cond)
    }
    pub fn u(&self, k: &str) -> Column {
        self.users.col(k).unwrap()
    }
    pub fn c(&self, k: &str) -> Column {
        self.cities.col(k).unwrap()
    }
    pub fn p(&self, k: &str) -> Column {
        self.posts.col(k).unwrap()
    }
    pub fn cm(&self, k: &str) -> Column {
        self.comments.col(k).unwrap()
    }
    pub fn e(&self, k: &str) -> Column {
        self.everything.col(k).unwrap()
    }
    pub fn msu_(&self, k: &str) -> Column {
        self.my_schema_users.col(k).unwrap()
    }
    pub fn par(&self, k: &str) -> Column {
        self.parent.col(k).unwrap()
    }
}
