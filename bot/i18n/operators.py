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
    "ops.took_over": {
        "zh": "🔁 本实例已接管服务（原持有者：{previous}），版本库已从镜像取回。",
        "en": "🔁 This instance has taken over (from {previous}); the repositories were fetched from the mirror.",
    },
    "ops.office_failed": {
        "zh": "⚠️ 预热的 LibreOffice 转换失败，已换一个新的，本次改用冷启动重试：{error}",
        "en": "⚠️ A warm LibreOffice failed a conversion and was replaced; the batch was retried cold: {error}",
    },
    "ops.error": {
        "zh": "⚠️ 内部错误（编号 {ref}）：{error}",
        "en": "⚠️ Internal error (reference {ref}): {error}",
    },
}
