// Written by `edgepg migrations-module --folder drizzle`: the drizzle-kit folder as data,
// for migrate(db, { migrations }) where there is no filesystem. Do not edit; write it again.
export default [
  {
    "sql": [
      "CREATE TABLE \"posts\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"user_id\" integer NOT NULL,\n\t\"title\" text NOT NULL,\n\t\"body\" text DEFAULT '' NOT NULL,\n\t\"created_at\" timestamp with time zone DEFAULT now() NOT NULL\n);\n",
      "\nCREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"name\" text NOT NULL,\n\t\"email\" text NOT NULL,\n\t\"created_at\" timestamp with time zone DEFAULT now() NOT NULL,\n\tCONSTRAINT \"users_email_unique\" UNIQUE(\"email\")\n);\n",
      "\nALTER TABLE \"posts\" ADD CONSTRAINT \"posts_user_id_users_id_fk\" FOREIGN KEY (\"user_id\") REFERENCES \"public\".\"users\"(\"id\") ON DELETE cascade ON UPDATE no action;"
    ],
    "bps": true,
    "folderMillis": 1796175453470,
    "hash": "0d5032be3cce89c7aae7ed034b25b482fcdff7c4fdfd8fc6f5975d2c9bf95a5e",
    "tag": "0000_users_and_posts"
  }
];
