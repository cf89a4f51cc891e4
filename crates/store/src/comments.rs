//! Comments on an audit: what a colleague noted about it, with who wrote it and when. A deleted
//! comment can be restored by undo.

use crate::db::args;
use crate::{Result, Store, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest comment kept, in characters.
pub const COMMENT_MAX_CHARS: usize = 4000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub run_id: i64,
    pub body: String,
    pub created_at: String,
    pub created_by: Option<String>,
}

impl Store {
    /// Adds a comment to an audit (trimmed; not empty; at most [`COMMENT_MAX_CHARS`]).
    pub fn add_comment(&self, run_id: i64, body: &str) -> Result<Comment> {
        let body = body.trim();
        if body.is_empty() {
            return Err(StoreError::Invalid("A comment needs some text.".into()));
        }
        if body.chars().count() > COMMENT_MAX_CHARS {
            return Err(StoreError::Invalid(format!(
                "A comment can be at most {COMMENT_MAX_CHARS} characters."
            )));
        }
        let now = self.now()?;
        let tx = self.write_tx()?;
        self.audit_summary(run_id)?;
        let id = self.db.insert(
            "INSERT INTO comments (run_id, body, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
            args![run_id, body, now, self.author],
        )?;
        tx.commit()?;
        Ok(Comment {
            id,
            run_id,
            body: body.to_string(),
            created_at: now,
            created_by: self.author.clone(),
        })
    }

    /// An audit's comments, oldest first.
    pub fn comments(&self, run_id: i64) -> Result<Vec<Comment>> {
        self.db.query_map(
            "SELECT id, run_id, body, created_at, created_by FROM comments
             WHERE run_id = ?1 AND deleted_at IS NULL ORDER BY id",
            args![run_id],
            |r| {
                Ok(Comment {
                    id: r.get(0)?,
                    run_id: r.get(1)?,
                    body: r.get(2)?,
                    created_at: r.get(3)?,
                    created_by: r.get(4)?,
                })
            },
        )
    }

    pub fn delete_comment(&self, id: i64) -> Result<()> {
        self.soft_delete("comments", id, StoreError::CommentNotFound(id))
    }

    pub fn restore_comment(&self, id: i64) -> Result<()> {
        let changed = self.db.execute(
            "UPDATE comments SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            args![id],
        )?;
        if changed == 0 {
            return Err(StoreError::CommentNotFound(id));
        }
        Ok(())
    }
}
