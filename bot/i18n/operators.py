"""What the operators' chat is told (MANUSCRIPT_ADMIN_CHAT)."""

MESSAGES: dict[str, dict[str, str]] = {
    "ops.mirror_failing": {
        "zh": "⚠️ {project} 的版本库自 {since} 起推送到镜像失败：{error}",
        "en": "⚠️ {project}'s repository has failed to reach its mirror since {since}: {error}",
    },
    "ops.mirror_back": {
        "zh": "✅ {project} 的版本库已重新推送到镜像。",
        "en": "✅ {project}'s repository reaches its mirror again.",
    },
    "ops.error": {
        "zh": "⚠️ 内部错误（编号 {ref}）：{error}",
        "en": "⚠️ Internal error (reference {ref}): {error}",
    },
}
